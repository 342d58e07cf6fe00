// Context patterns the classifier uses to apply DOMAIN.md §7: where a message was seen (web, the
// desktop Client, another system, the ENT itself), whether it is about a feature inside an Espace,
// whether credentials are said to be fine, and the time words that tell a story.

import { CRED, ENTS, ESPACES, W } from './fragments'

export type ContextKind = 'web' | 'client' | 'other' | 'entSide' | 'feature' | 'credentialsOk' | 'now' | 'sequence' | 'past'

export const contextDefs: [ContextKind, string][] = [
  ['web', `navigateur|chrome|firefox|safari|\\bedge\\b|espace (?:web|${ESPACES})|appli|application|telephone|portable|smartphone|iphone|tablette|\\bsite\\b|html|\\bent\\b|educonnect|lien`],
  [
    'client',
    `\\b(?:le|du|dans le|sur le|sur mon|avec le|au|mon) client\\b|client (?:pronote|lourd|windows|bureau|installe)|logiciel (?:pronote )?(?:installe|sur (?:le|mon) (?:pc|ordi|ordinateur))|console d hebergement|pronote (?:installe )?(?:sur|installe sur) (?:le |mon |l )?(?:pc|ordi|ordinateur)|(?:icone|raccourci) (?:${W}){0,2}?bureau|mode (?:enseignant|administratif)\\b|salle des profs|desktop (?:app|application|client|software|version)|installed (?:app|software|program)|staff ?room (?:pc|computer)`,
  ],
  [
    'other',
    '\\becole ?directe|parcoursup|cantine|turboself|\\bself\\b|restauration|(?<!(?:lien|depuis|via|par|passant par|a partir)(?: donne| indique| fourni| mis| publie)? (?:du |de |le |sur le |sur |dans le )?)site (?:du |de l |de la |web du |internet du )?(?:college|lycee|etablissement|ecole|mairie)|moodle|\\bpix\\b|\\bteams\\b|classroom|livebox|freebox|\\bbox\\b|routeur|messagerie academique|instagram|facebook|\\bbanque|\\bcaf\\b|ameli|canteen|(?<!(?:link|from|via|on|in) (?:the )?)school (?:web ?site|site)',
  ],
  ['entSide', `(?:l |mon |le portail )?${ENTS} (?:m |me |nous )?(?:affiche|indique|dit|met|marque|ecrit)|page (?:de l |d |du portail )${ENTS}\\b|(?:portail|site) (?:de l |d |du )?${ENTS}\\b|${ENTS} (?:page |portal |site )?(?:says|shows|displays|is showing)\\b`],
  [
    'feature',
    '\\bbulletins?|\\bnotes?\\b|cahier de textes?|emploi du temps|\\bedt\\b|devoirs?|messagerie|\\bmenu|onglet|rubrique|\\bqcm|competences|agenda|casier|documents?|pieces? jointes?|releve|absences?|punitions?|visio|fonctionnalite|manuels?|\\bvideo|\\bpdf|fichier|\\bphotos?\\b|\\bcours\\b|\\bstage\\b|sondage|appel\\b|ressources?|moyennes?|\\bcarnet|report cards?|\\bgrades\\b|\\bmarks\\b|homework|timetable|\\bschedule\\b|\\binbox',
  ],
  [
    'credentialsOk',
    `\\b${CRED}\\b(?: [a-z0-9]+){0,3}? (?:est |sont |etait |sont bien |est bien )?(?<!pas )(?<!pa )(?<!plus )(?<!plu )(?:bons?|bonnes?|corrects?|correctes?|justes?|ok|valides?)\\b|(?:aucun|pas de|pas un|pas d|pas le|pas mon) (?:probleme|souci|soucis) (?:de |d |avec (?:mon |le |les |mes )?)?${CRED}|${CRED} (?:${W}){0,2}?(?<!ne )(?:fonctionne|marche)(?:nt)? (?:bien|tres bien|tjs|toujours|sur)`,
  ],
  ['now', '\\bmaintenant\\b|\\bmtn\\b|\\bmnt\\b|desormais|a present|\\bnow\\b|cette fois|aujourd hui|\\bactuellement|la ca (?:me )?(?:dit|met|affiche)|et la (?:ca|il|elle|j ai)'],
  ['sequence', '\\bpuis\\b|\\bensuite\\b|\\bapres\\b|\\bthen\\b|\\bdu coup\\b|\\bfinalement\\b'],
  ['past', '\\bavant\\b(?! de)|au debut|d abord|au depart|\\bhier\\b|la premiere fois|la derniere fois|semaine derniere|\\bfirst\\b|il y a (?:\\w+ )?(?:jours|semaines|mois)'],
]
