-- WSO2's mediation as an Apache mod_lua output filter (Lua 5.3, lua-cjson): collect the proxied
-- response body, parse it and send {"payload": $.payload, "size": $.size} instead.
-- Same rebuild as gatebench's reference gateway (src/targets/embedded-gateway/mediation.ts).
local cjson = require("cjson")

function mediate(r)
  -- The body changes length: drop the backend's Content-Length so httpd frames the new one.
  r.headers_out["Content-Length"] = nil
  coroutine.yield()
  local parts = {}
  while bucket ~= nil do
    parts[#parts + 1] = bucket
    coroutine.yield()
  end
  local ok, parsed = pcall(cjson.decode, table.concat(parts))
  if not ok or type(parsed) ~= "table" or parsed[1] ~= nil then
    -- Headers are already on their way; an unparseable body cannot become a 502 here. Send a marker
    -- that fails gatebench's shape check instead of passing the original through unnoticed.
    coroutine.yield('{"error":"mediation failed: backend response is not a JSON object"}')
    return
  end
  coroutine.yield(cjson.encode({ payload = parsed.payload, size = parsed.size }))
end
