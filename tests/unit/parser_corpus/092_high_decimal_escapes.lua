-- bytes above 127 written as decimal escapes (binary data, Latin-1 text)
local latin1 = "caf\233"
local binary = "\0\1\127\128\200\255"
local bom = "\239\187\191"
return latin1, binary, bom
