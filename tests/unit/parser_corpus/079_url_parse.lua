local function url_decode(s)
  s = s:gsub("+", " ")
  return (s:gsub("%%(%x%x)", function(h) return string.char(tonumber(h, 16)) end))
end

local function url_encode(s)
  return (s:gsub("[^%w%-_%.~]", function(c) return ("%%%02X"):format(c:byte()) end))
end

local function parse_url(url)
  local scheme, rest = url:match("^(%a[%w+.-]*)://(.*)$")
  if not scheme then return nil, "no scheme" end
  local authority, path = rest:match("^([^/?#]*)(.*)$")
  local host, port = authority:match("^(.-):(%d+)$")
  host = host or authority
  local query = {}
  local qs = path:match("%?([^#]*)")
  if qs then
    for k, v in qs:gmatch("([^&=]+)=?([^&]*)") do query[url_decode(k)] = url_decode(v) end
  end
  return {
    scheme = scheme:lower(),
    host = host,
    port = tonumber(port) or (scheme == "https" and 443 or 80),
    path = path:match("^([^?#]*)") ~= "" and path:match("^([^?#]*)") or "/",
    query = query,
    fragment = path:match("#(.*)$"),
  }
end

local u = parse_url("HTTPS://example.com:8443/a/b?x=1&name=J%C3%BCrgen+M&flag#top")
print(u.scheme, u.host, u.port, u.path, u.query.name, u.query.flag, u.fragment, url_encode("a b/c"))
