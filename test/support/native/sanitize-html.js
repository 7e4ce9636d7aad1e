// sanitize-html's parser (htmlparser2 and its family) ships ES modules only. Node 20.19+ requires
// them natively, jest's module runtime cannot: jest maps 'sanitize-html' here, and Node's own
// require loads it.
module.exports = require('node:module').createRequire(__filename)('sanitize-html');
