local help = [[
Usage: tool [options]
  -h  show help
]]
local banner = [==[

two blank lines above the text (one is skipped)
]==]
return help, banner
