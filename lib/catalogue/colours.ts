import type { CategoryCode } from './types'

// One colour per category, everywhere in the app (dashboard charts, queue badges). The Okabe–Ito
// palette: its colours stay apart under the common colour-vision deficiencies (protanopia,
// deuteranopia, tritanopia); yellow is left out (too pale on white), grey marks "unknown". The
// figures are also in a table under each chart, so colour is never the only way to read them. Pure.

export const categoryColours: Record<CategoryCode, string> = {
  SERVER_NOT_PUBLISHED: '#D55E00', // vermilion
  SITE_UNAVAILABLE: '#E69F00', // orange
  ESPACE_ACCESS_DISABLED: '#CC79A7', // reddish purple
  WRONG_ADDRESS: '#56B4E9', // sky blue
  BAD_CREDENTIALS: '#0072B2', // blue
  ENT_IDENTITY_MISMATCH: '#009E73', // bluish green
  UNKNOWN: '#8C8C8C', // grey
}

export function colourOfCategory(code: string): string {
  return code in categoryColours ? categoryColours[code as CategoryCode] : categoryColours.UNKNOWN
}
