export default {
  'login.title': 'Connexion à Vigie',
  'login.email': 'E-mail',
  'login.password': 'Mot de passe',
  'login.submit': 'Se connecter',
  'login.invalid': 'E-mail ou mot de passe incorrect',
  'login.throttled': 'Trop de tentatives : réessayez dans quelques minutes.',
};
