export const SERVER_EXTERNAL_PACKAGES: string[];
