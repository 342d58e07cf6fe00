import { catalogue } from '@/lib/catalogue/entries'
import { categoryCodes, type CategoryCode } from '@/lib/catalogue/types'

// Category labels come from the catalogue; a stored code the catalogue no longer knows shows as is.

export function labelForCategory(code: string): string {
  return (categoryCodes as readonly string[]).includes(code) ? catalogue[code as CategoryCode].label : code
}

export const categoryOptions = categoryCodes.map((code) => ({ value: code, label: catalogue[code].label }))
