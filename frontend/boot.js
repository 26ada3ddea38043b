// Starts the web app. A file of its own, not an inline script: the Content-Security-Policy
// allows scripts from this origin only (R-SEC-1).
import init from '/bailleur_frontend.js';
init();
