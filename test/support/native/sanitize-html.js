// sanitize-html's parser (htmlparser2 and its family) ships ES modules only. Node 20.19+ requires
// them natively, jest's module runtime cannot: jest maps 'sanitize-html' here, and this loads it with
// Node's own require (jest replaces the `module` it hands out, not the one getBuiltinModule returns).
module.exports = process.getBuiltinModule('node:module').createRequire(__filename)('sanitize-html');
