/** Why a row or a file was rejected; the report and the error CSV say it in the user's language. */
export type ReasonCode =
  | 'name-required'
  | 'name-invalid'
  | 'name-too-long'
  | 'too-few-columns'
  | 'multiple-values'
  | 'extra-cells'
  | 'siren-format'
  | 'siren-checksum'
  | 'email-domain-at'
  | 'email-domain-invalid'
  | 'email-domain-free'
  | 'website-invalid'
  | 'malformed-row';

const MESSAGES: Record<'fr' | 'en', Record<ReasonCode, string>> = {
  fr: {
    'name-required': 'Le nom de l’entreprise est obligatoire',
    'name-invalid': 'Le nom ne contient ni lettre ni chiffre',
    'name-too-long': 'Le nom dépasse 200 caractères',
    'too-few-columns': 'Au moins 2 des 4 colonnes doivent être renseignées, dont le Nom',
    'multiple-values': 'Une seule valeur par cellule',
    'extra-cells': 'Cellules en trop au-delà des colonnes de l’en-tête (séparateur dans une valeur non entourée de guillemets ?)',
    'siren-format': 'Le SIREN doit compter 9 chiffres (ou 14 pour un SIRET)',
    'siren-checksum': 'Numéro SIREN/SIRET invalide (clé de contrôle incorrecte)',
    'email-domain-at': 'Le domaine email ne doit pas contenir « @ » : indiquez seulement le domaine (ex. entreprise.fr)',
    'email-domain-invalid': 'Ce n’est pas un domaine email valide',
    'email-domain-free': 'Domaine de messagerie grand public ou de fournisseur d’accès (gmail.com, orange.fr…) : indiquez le domaine de l’entreprise',
    'website-invalid': 'Ce n’est pas une adresse de site web valide',
    'malformed-row': 'Ligne illisible (guillemets mal fermés ou ligne trop longue)',
  },
  en: {
    'name-required': 'The company name is required',
    'name-invalid': 'The name has no letter or digit',
    'name-too-long': 'The name is longer than 200 characters',
    'too-few-columns': 'At least 2 of the 4 columns must be filled, including the name',
    'multiple-values': 'Only one value per cell',
    'extra-cells': 'More cells than header columns (a delimiter inside an unquoted value?)',
    'siren-format': 'A SIREN has 9 digits (or 14 for a SIRET)',
    'siren-checksum': 'Invalid SIREN/SIRET (wrong check digit)',
    'email-domain-at': 'The email domain must not contain "@": give the domain only (e.g. company.com)',
    'email-domain-invalid': 'Not a valid email domain',
    'email-domain-free': 'Free or ISP mail domain (gmail.com, orange.fr…): give the company’s own domain',
    'website-invalid': 'Not a valid website address',
    'malformed-row': 'Unreadable line (unbalanced quotes or line too long)',
  },
};

export function reasonMessage(code: string, lang: 'fr' | 'en' = 'fr'): string {
  return MESSAGES[lang][code as ReasonCode] ?? code;
}

/**
 * Why a whole file was refused (the import stops). The stored message is English, for the command
 * line and the log; the dashboard gets this text in the user's language, with the stored detail as
 * the fallback for codes not listed here.
 */
const FILE_MESSAGES: Record<'fr' | 'en', Record<string, string>> = {
  fr: {
    'missing-name-column': 'Colonne « Nom » introuvable. La première ligne du fichier doit porter les en-têtes : Nom, SIREN, Domaine email, Website',
    'too-few-columns': 'Seule la colonne « Nom » a été reconnue. La première ligne du fichier doit porter les en-têtes : Nom, SIREN, Domaine email, Website',
    'duplicate-column': 'La colonne « {column} » apparaît deux fois dans l’en-tête',
    'empty-file': 'Le fichier est vide : il faut au moins la ligne d’en-tête Nom, SIREN, Domaine email, Website',
    'unreadable-file': 'Le fichier n’a pas pu être lu. Enregistrez-le au format CSV (séparateur point-virgule ou virgule) et importez-le de nouveau',
    interrupted: 'Le serveur s’est arrêté pendant la lecture du fichier : importez-le de nouveau',
    'upload-interrupted': 'L’envoi du fichier a été interrompu : importez-le de nouveau',
    'payload-too-large': 'Fichier trop volumineux (plus de 100 Mo) : découpez-le ou demandez à un administrateur de l’importer en ligne de commande',
    'unclosed-quote': 'Un guillemet ouvert ligne {line} n’est jamais refermé : les lignes suivantes sont illisibles. Corrigez cette ligne (ou retirez le guillemet) et importez le fichier de nouveau',
  },
  en: {
    'missing-name-column': 'No “Nom” column. The first line of the file must hold the headers: Nom, SIREN, Domaine email, Website',
    'too-few-columns': 'Only the “Nom” column was recognised. The first line of the file must hold the headers: Nom, SIREN, Domaine email, Website',
    'duplicate-column': 'The “{column}” column appears twice in the header',
    'empty-file': 'The file is empty: it needs at least the header line Nom, SIREN, Domaine email, Website',
    'unreadable-file': 'The file could not be read. Save it as CSV (semicolon or comma separated) and import it again',
    interrupted: 'The server stopped while reading this file: import it again',
    'upload-interrupted': 'The upload was interrupted: import the file again',
    'payload-too-large': 'File too large (over 100 MB): split it or ask an administrator to import it from the command line',
    'unclosed-quote': 'A quote opened on line {line} is never closed: the lines after it cannot be read. Fix that line (or remove the quote) and import the file again',
  },
};

/** A file-level failure in the user's language; `stored` is the English detail kept with the import. */
export function fileErrorMessage(code: string, stored: string | null, lang: 'fr' | 'en' = 'fr'): string {
  const text = FILE_MESSAGES[lang][code];
  if (!text) return stored ?? code;
  const column = /^column (.+) appears twice$/.exec(stored ?? '')?.[1] ?? '';
  const line = /\bline (\d+)\b/.exec(stored ?? '')?.[1] ?? '?';
  return text.replace('{column}', column).replace('{line}', line);
}
