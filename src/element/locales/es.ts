// The Spanish strings, loaded only on pages in Spanish (see ../locales.ts); order as in `keys` there.
export default 'Iniciar sesión|Iniciar sesión con %|abre una ventana nueva|Esperando a %…|Cancelar|Conectado|No se pudo iniciar sesión. Inténtalo de nuevo.|Inicio de sesión cancelado.|El inicio de sesión no está disponible en esta página.|Conectado como %|Desconectar';
