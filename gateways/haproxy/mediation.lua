-- WSO2's mediation in HAProxy Lua (HAProxy 2.6+, Lua 5.3, lua-cjson):
-- forward the request to the backend, parse its JSON response and answer
-- {"payload": $.payload, "size": $.size}. Same rebuild as gatebench's reference gateway.
local cjson = require("cjson")

local backend = os.getenv("GATEBENCH_BACKEND_URL")
if backend == nil or backend == "" then error("GATEBENCH_BACKEND_URL is not set (e.g. http://127.0.0.1:8688)") end
backend = backend:gsub("/+$", "")

local function reply(applet, status, body, content_type)
  applet:set_status(status)
  applet:add_header("content-type", content_type)
  applet:add_header("content-length", tostring(#body))
  applet:start_response()
  applet:send(body)
end

core.register_service("gatebench_mediation", "http", function(applet)
  local rest = applet.path:gsub("^/mediation/?", "/")
  local query = applet.qs ~= "" and ("?" .. applet.qs) or ""
  local request_body = applet:receive()
  local client = core.httpclient()
  local request = { url = backend .. rest .. query, headers = { ["content-type"] = { "application/json" } }, body = request_body }
  local response
  if applet.method == "GET" then response = client:get(request) else response = client:post(request) end
  if response == nil or response.status == nil or response.status == 0 then
    reply(applet, 502, "bad gateway: backend unavailable\n", "text/plain")
    return
  end
  local ok, parsed = pcall(cjson.decode, response.body or "")
  if not ok or type(parsed) ~= "table" or parsed[1] ~= nil then
    reply(applet, 502, "mediation failed: backend response is not a JSON object\n", "text/plain")
    return
  end
  reply(applet, response.status, cjson.encode({ payload = parsed.payload, size = parsed.size }), "application/json")
end)
