local s1 = "tab\there\nnewline"
local s2 = 'single \'quoted\' "double" inside'
local s3 = "back\\slash and \"quote\""
local s4 = "\a\b\f\v\r"
local s5 = "\65\066\0677"
local s6 = "nul:\0:end"
local s7 = '\"\''
local s8 = ""
local s9 = ''
return s1, s2, s3, s4, s5, s6, s7, s8, s9
