export declare const CHROMIUM_ARGS: string[];
export declare function findChromium(): string | null;
export declare function findJourneyBrowser(): string | null;
export declare function fullChromiumLaunchOptions(): { executablePath: string | undefined; args: string[] };
export declare function ensureChromium(): string;
