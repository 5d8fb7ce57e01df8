export default {
  'login.title': 'Log in to Vigie',
  'login.email': 'E-mail',
  'login.password': 'Password',
  'login.submit': 'Log in',
  'login.invalid': 'Wrong e-mail or password',
  'login.throttled': 'Too many attempts: try again in a few minutes.',
  'login.emailMissing': 'Enter your e-mail',
  'login.passwordMissing': 'Enter your password',
  'login.emailInvalid': 'Check your e-mail: it is not accepted as typed',
  'login.passwordInvalid': 'Check your password: it is not accepted as typed',
};
