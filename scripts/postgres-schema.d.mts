export declare const SOURCE: string
export declare const DERIVED: string
export declare function derivePostgresSchema(source: string): string
