/**
 * Spanish: `import 'oauth-connect/locales/es'` registers it (`oauth-connect/define` imports every language).
 */
import { registerLocale } from '../locales.js';

registerLocale(
  'es',
  {
    signIn: 'Iniciar sesión',
    signInWith: 'Iniciar sesión con %',
    connectWith: 'Conectar con %',
    newWindow: 'abre una ventana nueva',
    waiting: 'Esperando a %…',
    waitingSignIn: 'Esperando el inicio de sesión…',
    cancel: 'Cancelar',
    success: 'Conectado',
    error: 'No se pudo iniciar sesión. Inténtalo de nuevo.',
    cancelled: 'Inicio de sesión cancelado.',
    unavailable: 'El inicio de sesión no está disponible en esta página.',
    connectedTo: 'Conectado a %1 como %2',
    connectedAs: 'Conectado como %',
    disconnect: 'Desconectar',
    inApp: 'Puede que no puedas iniciar sesión en esta app.',
    openInBrowser: 'Abrir en tu navegador',
  },
  { defaults: true },
);
