export declare const SKIP: "none";
export declare const HOW_TO_ENABLE: string;
export type LocatedChromium = { path: string } | { path: undefined; requested: boolean };
export declare function locateChromium(
  env?: Record<string, string | undefined>,
  isExecutable?: (path: string) => boolean,
  playwrightPath?: () => string | undefined,
): LocatedChromium;
export declare function browserRequired(env?: Record<string, string | undefined>): boolean;
export declare const MISSING_IN_CI: string;
