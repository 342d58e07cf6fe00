// Nothing to start. Turbopack, building an app in a subfolder of its root, takes the root's
// instrumentation.ts and proxy.ts (Relais's) when the app has none: this app has its own, inert.
export function register() {}
