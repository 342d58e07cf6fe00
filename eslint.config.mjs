import nextVitals from 'eslint-config-next/core-web-vitals'
import nextTs from 'eslint-config-next/typescript'

const config = [
  ...nextVitals,
  ...nextTs,
  {
    ignores: ['node_modules/**', '.next/**', '.next-*/**', 'lib/generated/**', 'next-env.d.ts', 'test-results/**', 'playwright-report/**', 'tests/.tmp/**', 'bench/.tmp/**', 'bench/floor-app/.next/**', 'bench/floor-app/next-env.d.ts'],
  },
]

export default config
