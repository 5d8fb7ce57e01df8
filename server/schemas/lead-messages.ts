/**
 * The visitor-facing messages of lead forms, in French and English. The form bundle shows them
 * inline and the server returns the same sentence in its 400 replies, so both sides agree word
 * for word. The server sends the visitor's language's table with the form definition
 * (GET /api/forms/:id), which keeps the strings out of the 12 KB bundle.
 */
export const LEAD_MESSAGE_CODES = [
  'required', 'email', 'emailTypo', 'phone', 'consent', 'option', 'too-long', 'invalid',
  'emailFree', 'summary', 'rateLimited', 'unavailable', 'failed', 'sent', 'useSuggestion', 'keepAnyway', 'sending', 'loadError', 'honeypot', 'required-mark',
] as const;
export type LeadMessageCode = (typeof LEAD_MESSAGE_CODES)[number];

const MESSAGES: Record<'fr' | 'en', Record<LeadMessageCode, string>> = {
  fr: {
    required: 'Ce champ est obligatoire.',
    email: 'Saisissez une adresse e-mail valide, par exemple nom@entreprise.fr.',
    emailTypo: 'Vouliez-vous dire {suggestion} ?',
    phone: 'Saisissez un numéro de téléphone valide.',
    consent: 'Cochez cette case pour envoyer le formulaire.',
    option: 'Choisissez une option de la liste.',
    'too-long': 'Ce texte est trop long.',
    invalid: 'Cette valeur n’est pas valide.',
    summary: 'Le formulaire contient des erreurs ; corrigez les champs signalés :',
    rateLimited: 'Trop d’envois en peu de temps. Réessayez dans quelques minutes.',
    unavailable: 'Envoi momentanément impossible. Réessayez dans quelques instants ; vos réponses sont conservées.',
    failed: 'L’envoi a échoué. Vérifiez votre connexion et réessayez.',
    sent: 'Merci, votre demande a bien été envoyée.',
    emailFree: 'Merci d’utiliser votre adresse e-mail professionnelle.',
    useSuggestion: 'Utiliser {suggestion}',
    keepAnyway: 'Garder ma saisie',
    'required-mark': 'obligatoire',
    sending: 'Envoi…',
    loadError: 'Le formulaire n’a pas pu être chargé.',
    honeypot: 'Laissez ce champ vide',
  },
  en: {
    required: 'This field is required.',
    email: 'Enter a valid e-mail address, such as name@company.com.',
    emailTypo: 'Did you mean {suggestion}?',
    phone: 'Enter a valid phone number.',
    consent: 'Tick this box to send the form.',
    option: 'Choose an option from the list.',
    'too-long': 'This text is too long.',
    invalid: 'This value is not valid.',
    summary: 'The form has errors; please fix the fields below:',
    rateLimited: 'Too many submissions in a short time. Please try again in a few minutes.',
    unavailable: 'Sending is temporarily unavailable. Please try again shortly; your answers are kept.',
    failed: 'Sending failed. Check your connection and try again.',
    sent: 'Thank you, your request has been sent.',
    emailFree: 'Please use your work e-mail address.',
    useSuggestion: 'Use {suggestion}',
    keepAnyway: 'Keep what I typed',
    'required-mark': 'required',
    sending: 'Sending…',
    loadError: 'The form could not be loaded.',
    honeypot: 'Leave this field empty',
  },
};

/** The whole table of one language, as sent to the form bundle. */
export function leadMessages(locale: 'fr' | 'en'): Record<LeadMessageCode, string> {
  return { ...MESSAGES[locale] };
}

/** The message for a code in the visitor's language, `{name}` placeholders filled. */
export function leadMessage(locale: 'fr' | 'en', code: LeadMessageCode, vars: Record<string, string> = {}): string {
  return MESSAGES[locale][code].replace(/\{(\w+)\}/g, (_, k: string) => vars[k] ?? '');
}
