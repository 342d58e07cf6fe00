export type DatabaseProvider = 'sqlite' | 'postgresql'
export declare const DEFAULT_DATABASE_URL: string
export declare function databaseProviderOf(url: string): DatabaseProvider | null
