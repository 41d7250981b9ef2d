/** Cookie and header names shared by the API and the web app. */
export const SESSION_COOKIE = 'ringi_sid';
/** State-changing requests must carry this header (CSRF defence together with the SameSite cookie). */
export const CSRF_HEADER = 'x-ringi-csrf';
export const CSRF_HEADER_VALUE = '1';
export const API_PREFIX = '/api';
