local a = 'it\'s'
local b = "say \"hi\""
local c = 'mixed "double" and \'single\''
local d = "path\\to\\file"
local e = '\\n is not a newline here'
local f = "tabs:\t|\t|"
local g = 'bell\a backspace\b formfeed\f vtab\v cr\r'
local h = "\49\50\51"
return a, b, c, d, e, f, g, h
