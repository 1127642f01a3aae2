/** Limits shared by the server and client components (kept apart so the client bundle stays small). */
export const MESSAGE_MAX_LENGTH = 2000;
