// English signals: browsers and phones set to English show their own error pages (DOMAIN.md
// §2.4 names the strings per browser), and people who write in English describe PRONOTE's French
// pages in their own words. Same weights as the French signals: 3 for the exact on-screen text,
// 2–2.5 for a clear paraphrase, `true` for a generic one that a feature word nearby cancels.

import { BC, CRED, EA, EN, ENTS, NOT_ACTIVATION_AFTER, notAfterActivation, S, SU, UN, WA, type Def } from './fragments'

// The Espaces as an English speaker names them (or keeps the French name).
const SPACES =
  '(?:parents?|students?|pupils?|eleves?|teachers?|professeurs?|profs?|staff|vie scolaire|school life|accompagnants?|assistants?|entreprises?|company|companies|business|academie|academy|direction|management)'
const NOT_HAVE = '(?:don t|dont|do not|doesn t|doesnt|does not|didn t|did not)'
// Not a bare "code": a forgotten PIN code is another matter (DOMAIN.md §2.7).
const CREDS_EN = '(?:pas+wo?rds?|user? ?names?|login|logins|login details|credentials|identifiers?|(?:login|access|pronote) codes?)'

export const englishDefs: Def[] = [
  // SERVER_NOT_PUBLISHED
  [S, undefined, 2, 'page blanche en anglais (503)', '\\bwhite page (?:\\w+ ){0,3}?(?:in english|service unava\\w*ble)'],

  // SITE_UNAVAILABLE
  [SU, undefined, 2.5, "Le site n'est pas disponible (en anglais)", '\\b(?:site|website) (?:(?:is |was )?(?:not|never) available|(?:isn t|isnt|wasn t) available|(?:is |was )?unavailable)\\b'],
  [SU, 'SERVER_BUSY', 3, 'Le site est momentanément indisponible (en anglais)', '\\bsite (?:is |was )?temporarily unavailable|\\ball (?:the )?user sessions are (?:busy|in use|occupied|taken)'],
  [SU, 'IP_SUSPENDED', 2.5, 'Votre adresse IP est provisoirement suspendue (en anglais)', '\\bip (?:address )?(?:\\w+ ){0,3}?(?:suspended|blocked|banned)\\b'],

  // ESPACE_ACCESS_DISABLED
  [EA, undefined, 3, "Vous n'avez pas accès à l'Espace (en anglais)", `\\b${NOT_HAVE} have ac+es+ to (?:the |my |this )?(?:${SPACES} )?(?:space|espace|area)\\b`],
  [EA, undefined, 2.5, "pas d'accès à l'Espace (en anglais)", `\\b(?:no|have no|has no) access to (?:the |my |this )?(?:${SPACES} )?(?:space|espace|area)\\b|\\baccess to (?:the |my )?(?:${SPACES} )?(?:space|espace|area) (?:is )?(?:not allowed|denied|disabled|blocked|refused)|\\b(?:not allowed|not authori[sz]ed|not permitted) to access (?:the |my )?(?:${SPACES} )?(?:space|espace|area)\\b|\\baccess denied (?:to|for) (?:the |my )?(?:${SPACES} )?(?:space|espace|area)\\b`],

  // WRONG_ADDRESS: Chrome, Edge, Firefox, Safari (macOS and iOS), Android WebView
  [WA, undefined, 3, "server IP address could not be found (Chrome, Edge)", 'server ip address could not be found'],
  [WA, undefined, 2.5, 'refused to connect (Chrome, Edge)', '\\brefused to connect\\b|\\bn autorise pas la connexion\\b'],
  [WA, undefined, 2.5, 'The connection has timed out (Firefox)', 'connection has timed out|delai d attente est depasse|taking too long to respond|met trop de temps a repondre'],
  [WA, undefined, 3, 'Firefox can’t establish a connection (Firefox)', 'firefox (?:can t|cant|cannot) establish a connection|firefox ne peut (?:pas )?etablir (?:de |la |une )?connexion'],
  [WA, undefined, 3, 'Safari can’t open the page (Safari)', 'safari (?:can t|cant|cannot|could not|couldn t) (?:open the page|connect to the server|find the server)|safari ne parvient pas a (?:trouver le|se connecter au) serveur'],
  [WA, undefined, 2.5, 'the server cannot be found', '\\bserver (?:cannot|can t|could not|couldn t) be found'],
  [WA, undefined, 2, 'Check if there is a typo (Chrome, Edge)', 'check if there is a typo|comporte une faute de frappe'],
  [WA, undefined, 2, 'cannot find the server (paraphrase)', '\\b(?:it|browser|chrome|safari|firefox|edge|phone|ipad|iphone)(?: says)?(?: it)? (?:can t|cant|cannot|could not|couldn t|is unable to|was unable to) (?:find|reach) (?:the )?(?:server|site|website)\\b'],
  [WA, undefined, 2, 'wrong address (paraphrase)', '(?<!mail )\\baddress (?:is invalid|is wrong|is incorrect|doesn t exist|does not exist)|\\b(?:wrong|invalid|incorrect|broken|dead) (?:address|url|link)\\b|\\blink (?:is |seems |looks )?(?:wrong|broken|dead)\\b', true],

  // BAD_CREDENTIALS
  [BC, 'CREDENTIALS_MISSING', 2.5, 'forgotten credentials (English)', `\\b(?:forgot+(?:en)?|forget|lost|misplaced|can t remember|cannot remember|don t remember|don t know|do not know)(?: \\w+){0,3}? ${CREDS_EN}\\b`],
  [BC, 'CREDENTIALS_MISSING', 2.5, 'credentials never received (English)', `\\b(?:never|not|didn t|did not|haven t|have not|hasn t|has not) (?:\\w+ ){0,2}?(?:received|got|gotten|get|been given|been sent)(?: \\w+){0,3}? ${CREDS_EN}\\b`],
  [BC, 'CREDENTIALS_MISSING', 2.5, 'credentials asked as a question (English)', `\\b(?:how (?:can|do|to|should|could) (?:i |we |you )?(?:get|find|recover|retrieve|reset|obtain|receive)|where (?:can|do|could) (?:i |we )?(?:find|get)|what (?:is|s|are)|(?:can|could|would) (?:you|i|we) (?:please )?(?:send|resend|give|have|get|reset)(?: me| us)?) (?:my|our|the|his|her|their) (?:\\w+ )?${CREDS_EN}\\b`],
  [BC, 'ACCOUNT_LOCKED', 3, 'You have exceeded the number of authentication errors (English)', '\\bexceeded the (?:maximum )?number of (?:authentication |login |sign in )?(?:errors|attempts|failed attempts)'],
  [BC, 'ACCOUNT_LOCKED', 2, 'account locked (English)', '\\baccount (?:is |has been |was |got )?(?:locked|blocked|suspended)\\b'],
  [BC, undefined, 2, 'credentials wrong (English)', `\\b(?:incorrect|wrong|invalid) (?:username|user name|login|credentials|identifier|id)\\b|\\b${CRED} (?:you entered )?(?:is |are )?(?:wrong|incorrect|invalid)\\b|\\b${CRED} (?:\\w+ ){0,2}?(?:does not|doesn t|doesnt|did not|didn t|won t|will not) (?:work|function)\\b|\\b${CRED} (?:is |are )?not working\\b`],

  // ENT_IDENTITY_MISMATCH
  [EN, undefined, 2.5, 'Identification impossible (en anglais)', '\\bidentification (?:is )?(?:not possible|impossible|failed)\\b|\\b(?:unable to|not able to|can t|cant|cannot|could not|couldn t) identify (?:me|you|him|her)\\b'],
  [EN, undefined, 2, 'identité non reconnue après l’ENT (en anglais)', '\\b(?:pronote|it|the site|the app) (?:still )?(?:doesn t|doesnt|does not|didn t|did not|won t) (?:recogni[sz]e|know) (?:me|who i am)\\b'],
  [EN, undefined, 2, 'formulaire d’identité après l’ENT (description, en anglais)', `\\b(?:form|asks?|asking|asked|fill in|fill out|filling in)\\b${notAfterActivation}(?: [a-z0-9]+){0,8}? (?:date of birth|birth ?date|birthday)\\b${NOT_ACTIVATION_AFTER}`, true],

  // UNKNOWN: the device's own problems and other systems
  [UN, undefined, 3.5, 'certificate / connection not private', '\\bconnection (?:is not|isn t) private|potential security (?:risk|threat)|\\bsec error|\\berr ssl|\\bssl protocol'],
  [UN, undefined, 3.5, 'offline (device network)', '\\bnot connected to the internet|\\byou are offline|\\bno internet connection|\\bcurrently offline'],
  [UN, undefined, 3, 'ENT page (outage)', `${ENTS} (?:\\w+ ){0,2}?(?:is down|was down|down|not working|doesn t work|isn t working|under maintenance|unavailable)\\b`],
]
