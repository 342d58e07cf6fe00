export { DEFAULT_DATABASE_URL, databaseProviderOf } from './database-provider.mjs'
export declare function databaseUrl(): string
