"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.loadCertificate = loadCertificate;
const selfsigned_1 = require("selfsigned");
let pending;
/**
 * A self-signed certificate for localhost, 127.0.0.1 and ::1, made once per process and
 * shared by every simulator (EC keys, so that starting 100 HTTPS appliances stays fast).
 */
function loadCertificate() {
    pending ??= (0, selfsigned_1.generate)([{ name: 'commonName', value: 'localhost' }], {
        keyType: 'ec',
        algorithm: 'sha256',
        extensions: [
            { name: 'basicConstraints', cA: false },
            { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
            { name: 'extKeyUsage', serverAuth: true },
            {
                name: 'subjectAltName',
                altNames: [
                    { type: 2, value: 'localhost' },
                    { type: 7, ip: '127.0.0.1' },
                    { type: 7, ip: '::1' },
                ],
            },
        ],
    }).then((pems) => ({ key: pems.private, cert: pems.cert }));
    return pending;
}
