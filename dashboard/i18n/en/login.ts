export default {
  'login.title': 'Log in to Vigie',
  'login.email': 'E-mail',
  'login.password': 'Password',
  'login.submit': 'Log in',
  'login.invalid': 'Wrong e-mail or password',
  'login.throttled': 'Too many attempts: try again in a few minutes.',
};
