-- Korean and other non-ASCII text in strings and comments: 주문 처리
local greeting = "안녕하세요"
local mixed = "café – naïve – 日本語"
local emoji = "🙂 ok"
local labels = { ko = "주문이 완료되었습니다", en = "order complete" }
local function shout(s) return s:upper() .. "!" end
print(#greeting, shout(mixed), emoji, labels.ko)
