-- wrk script: GET /prompts/lookup?name=<random bench prompt>&label=production, or with BENCH_IDS (a file of
-- prompt ids, one a line) GET /prompts/<random id>?label=production
-- BENCH_KIND: "read" for the text prompts, "chat" for the chat prompts
local count = tonumber(os.getenv("BENCH_PROMPTS") or "200")
local kind = os.getenv("BENCH_KIND") or "read"
local token = os.getenv("BENCH_TOKEN")
local ids = {}
local path = os.getenv("BENCH_IDS")
if path then
  for line in io.lines(path) do
    ids[#ids + 1] = line
  end
end
math.randomseed(os.time())
request = function()
  local headers = { ["Authorization"] = "Bearer " .. token }
  if #ids > 0 then
    return wrk.format("GET", "/prompts/" .. ids[math.random(1, #ids)] .. "?label=production", headers)
  end
  local name = string.format("bench/%s-%04d", kind, math.random(1, count))
  return wrk.format("GET", "/prompts/lookup?name=" .. name .. "&label=production", headers)
end
