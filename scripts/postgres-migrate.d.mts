export declare const POSTGRES_MIGRATIONS: string
export declare class MigrationError extends Error {}
export interface Migration {
  name: string
  sql: string
  checksum: string
}
export declare function readMigrations(dir?: string): Migration[]
export declare function migratePostgres(url: string, options?: { dir?: string; log?: (line: string) => void }): Promise<string[]>
