-- lua: 5.1
-- case: format_integers
print(string.format("[%-5d][%5d][%05d][%-05d][%+d][% d][%+5d][%-+6d]", 42, 42, -42, 7, 5, 5, -3, 3))
print(string.format("[%d][%i][%d][%d][%d]", 0, -1, 3.0, "10", "0x10"))
print(string.format("[%3d][%-3d][%3d]", 12345, 12345, -12))
print(string.format("%d%%|%%d|%d", 50, 60))
-- case: format_literal_only
print(string.format("no conversions"), string.format("100%% sure"), string.format(""))
