local padded = { 007, 010, 0099, 00 }
local mixed = 007.5 + 01e1
return padded, mixed
