function mediate(r) {
  var prefix = r.variables.gatebench_prefix;
  var rest = r.uri.substring(prefix.length);
  if (rest.charAt(0) !== '/') rest = '/' + rest;
  var options = { method: r.method, args: r.variables.args || '' };
  if (r.requestText !== undefined && r.requestText !== null && r.requestText.length > 0) options.body = r.requestText;
  r.subrequest('/_gatebench_mediation' + rest, options).then(function (reply) {
    if (reply.status >= 502 && reply.status <= 504) {
      r.return(reply.status, 'bad gateway: backend unavailable\n');
      return;
    }
    var out;
    try {
      var j = JSON.parse(reply.responseText);
      if (j === null || typeof j !== 'object' || Array.isArray(j)) throw new TypeError('backend response is JSON but not an object');
      out = JSON.stringify({ payload: j.payload, size: j.size });
    } catch (e) {
      r.return(502, 'mediation failed: ' + e.message + '\n');
      return;
    }
    r.headersOut['Content-Type'] = 'application/json';
    r.return(reply.status, out);
  }).catch(function (e) {
    r.return(502, 'mediation failed: ' + e.message + '\n');
  });
}

export default { mediate };
