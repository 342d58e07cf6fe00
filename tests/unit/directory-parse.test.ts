import iconv from 'iconv-lite'
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { parseDirectoryCsv } from '@/lib/directory/parse'
import { profileFromLabel } from '@/lib/directory/profiles'

const utf8 = (text: string) => new TextEncoder().encode(text)

describe('reading a PRONOTE directory export', () => {
  it('accepts ; or , separators and French headers in any order', async () => {
    const semi = await parseDirectoryCsv(utf8('Nom;Prénom;Identifiant;Profil;Classe;Né(e) le\nLEFÈVRE;Éloïse;elefevre;Élève;4B;12/03/2011\n'))
    const comma = await parseDirectoryCsv(utf8('Identifiant,Prénom,Nom,Type,Groupe,Date de naissance\nelefevre,Éloïse,LEFÈVRE,Eleve,4B,2011-03-12\n'))
    for (const parsed of [semi, comma]) {
      expect(parsed.errors).toEqual([])
      expect(parsed.rows).toEqual([
        { line: 2, login: 'elefevre', lastName: 'LEFÈVRE', firstName: 'Éloïse', profile: 'ELEVE', group: '4B', birthDate: '2011-03-12' },
      ])
    }
    expect(semi.separator).toBe(';')
    expect(comma.separator).toBe(',')
  })

  it('decodes UTF-8 with a BOM and Windows-1252 bytes', async () => {
    const text = 'Nom;Prénom;Identifiant;Profil\r\nHÉNAFF;Noël;nhenaff;Élève\r\nD\'ALMÉIDA;François;fdalmeida;Professeur\r\n'
    const bom = await parseDirectoryCsv(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(text)]))
    const cp1252 = await parseDirectoryCsv(iconv.encode(text, 'win1252'))
    expect(bom.encoding).toBe('utf-8')
    expect(cp1252.encoding).toBe('windows-1252')
    for (const parsed of [bom, cp1252]) {
      expect(parsed.errors).toEqual([])
      expect(parsed.rows.map((r) => `${r.firstName} ${r.lastName}`)).toEqual(['Noël HÉNAFF', "François D'ALMÉIDA"])
    }
  })

  it('reports bad rows with their line number and keeps the good ones', async () => {
    const parsed = await parseDirectoryCsv(
      utf8(
        [
          'Nom;Prénom;Identifiant;Profil;Classe;Né(e) le',
          'MARTIN;Lucas;lmartin;Élève;3B;01/02/2011',
          ';Jeanne;jsansnom;Élève;3B;',
          'DURAND;Paul;pdurand;Astronaute;;',
          'ROUX;Léa;lroux;Élève;4A;31/02/2011',
          'PETIT;Zoé;lmartin;Élève;4A;',
          'BLANC;Noé;nblanc;Élève;4A;;extra;cells',
          'GIRARD;"Inès;igirard;Élève;4A;',
          '',
          'FAURE;Jade;jfaure;Responsable légal;;',
        ].join('\n'),
      ),
    )
    expect(parsed.rows.map((r) => r.login)).toEqual(['lmartin', 'jfaure'])
    expect(parsed.rows[1]).toMatchObject({ profile: 'PARENT', line: 10 })
    const byLine = Object.fromEntries(parsed.errors.map((e) => [e.line, e.message]))
    expect(byLine[3]).toMatch(/nom manquant/i)
    expect(byLine[4]).toMatch(/profil « Astronaute » inconnu/i)
    expect(byLine[5]).toMatch(/date de naissance « 31\/02\/2011 » invalide/i)
    expect(byLine[6]).toMatch(/identifiant « lmartin » déjà présent ligne 2/i)
    expect(byLine[7]).toMatch(/colonnes/)
    expect(Object.keys(byLine)).toContain('8')
  })

  it('gives a clear file-level error when required columns are missing or the file is empty', async () => {
    expect((await parseDirectoryCsv(utf8('Nom;Classe\nMARTIN;3B\n'))).fileError).toMatch(/Colonnes manquantes : Identifiant, Prénom, Profil/)
    expect((await parseDirectoryCsv(utf8(''))).fileError).toMatch(/vide/)
    expect((await parseDirectoryCsv(utf8('\n\n'))).fileError).toBeDefined()
  })

  it('never throws, whatever the bytes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 400 }), async (bytes) => {
        const header = utf8('Nom;Prénom;Identifiant;Profil\n')
        const parsed = await parseDirectoryCsv(new Uint8Array([...header, ...bytes]))
        expect(Array.isArray(parsed.errors)).toBe(true)
      }),
      { numRuns: 300 },
    )
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 300 }), async (text) => {
        await parseDirectoryCsv(utf8(text))
      }),
      { numRuns: 300 },
    )
  })

  it.each([
    ['Élève', 'ELEVE'],
    ['ELEVES', 'ELEVE'],
    ['Responsable', 'PARENT'],
    ['Parent', 'PARENT'],
    ['Professeur', 'PROFESSEUR'],
    ['Enseignant', 'PROFESSEUR'],
    ['Personnel', 'PERSONNEL'],
    ['Vie scolaire', 'PERSONNEL'],
    ['AESH', 'ACCOMPAGNANT'],
    ['Maître de stage', 'ENTREPRISE'],
    ['Astronaute', null],
    ['', null],
  ])('maps the profile label %s', (label, code) => {
    expect(profileFromLabel(label)).toBe(code)
  })
})
