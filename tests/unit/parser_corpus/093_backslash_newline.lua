local poem = "roses are red\
violets are blue"
local two = 'a\
\
b'
return poem, two
