export default {
  'login.title': 'Connexion à Vigie',
  'login.email': 'E-mail',
  'login.password': 'Mot de passe',
  'login.submit': 'Se connecter',
  'login.invalid': 'E-mail ou mot de passe incorrect',
  'login.throttled': 'Trop de tentatives : réessayez dans quelques minutes.',
  'login.emailMissing': 'Saisissez votre e-mail',
  'login.passwordMissing': 'Saisissez votre mot de passe',
  'login.emailInvalid': 'Vérifiez votre e-mail : il n’est pas accepté tel quel',
  'login.passwordInvalid': 'Vérifiez votre mot de passe : il n’est pas accepté tel quel',
};
