/**
 * Getting the bytes of a chat request's image, audio and file parts ready for GigaChat's /files:
 * data URLs and base64 decoded, http(s) URLs downloaded behind an SSRF guard, content sniffed, webp
 * and gif converted to PNG, and uploads remembered per credential by SHA-256. No Spring, no Camel.
 */
package io.gigagate.files;
