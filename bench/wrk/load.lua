-- wrk script of the HTTP benchmarks (read by org.tongban.bench.Wrk, which starts wrk), one of three modes (WRK_MODE):
--
--   plain    wrk's own request: the URL on the command line (a reference endpoint).
--   paths    GET each path listed in WRK_PATHS (one per line), round robin from a different start in each thread; an
--            answer counts as ok when it is 200 and, if WRK_EXPECT is set, its body contains WRK_EXPECT.
--   bodies   POST each line of WRK_BODIES (one JSON document per line) to the URL's path as application/json, round
--            robin from a different start in each thread; ok when 200 and, if WRK_EXPECT is set, its body contains
--            WRK_EXPECT exactly WRK_EXPECT_COUNT times (default: at least once).
--   gateway  an exchange gateway look-up (POST /api/v1/exchange/query) as the demo department system (WRK_TOKEN) about
--            one of the residents listed in WRK_IDS (one ID number per line), with a case reference unique to the run
--            (WRK_RUN), the wrk thread and the request; when WRK_ACKED names a file, the access-log id each 200 answer
--            carried is appended to it (one per line).
--
-- done() prints one line:
--   WRK <requests generated> <answered ok> <answered otherwise> <socket errors> <seconds> <p50 µs> <p95 µs> <p99 µs>

local threads = {}
local next_id = 1

function setup(thread)
    thread:set("tid", next_id)
    next_id = next_id + 1
    table.insert(threads, thread)
end

local function lines(file)
    local list = {}
    for line in io.lines(file) do
        list[#list + 1] = line
    end
    return list
end

function init(args)
    sent, ok, other = 0, 0, 0
    acked = {}
    mode = os.getenv("WRK_MODE") or "plain"
    expect = os.getenv("WRK_EXPECT")
    expect_count = tonumber(os.getenv("WRK_EXPECT_COUNT") or "")
    if mode == "paths" then
        paths = lines(os.getenv("WRK_PATHS"))
        offset = (tid - 1) * math.floor(#paths / 2)
    elseif mode == "bodies" then
        bodies = lines(os.getenv("WRK_BODIES"))
        offset = (tid - 1) * math.floor(#bodies / 2)
        headers = { ["Content-Type"] = "application/json" }
    elseif mode == "gateway" then
        ids = lines(os.getenv("WRK_IDS"))
        prefix = os.getenv("WRK_RUN") .. "-" .. tid .. "-"
        headers = {
            ["Authorization"] = "Bearer " .. os.getenv("WRK_TOKEN"),
            ["Content-Type"] = "application/json"
        }
    end
end

function request()
    sent = sent + 1
    if mode == "paths" then
        return wrk.format("GET", paths[(offset + sent) % #paths + 1])
    elseif mode == "bodies" then
        return wrk.format("POST", nil, headers, bodies[(offset + sent) % #bodies + 1])
    elseif mode == "gateway" then
        local body = '{"resource":"101001-00001","subjectType":"PERSON","subject":"' .. ids[sent % #ids + 1]
            .. '","items":["name","birthDate"],"purpose":"企业开办登记审核","caseReference":"' .. prefix .. sent .. '"}'
        return wrk.format("POST", "/api/v1/exchange/query", headers, body)
    end
    return wrk.format(nil, nil, nil, nil)
end

-- How many times text occurs in body (plain text, not a pattern).
local function occurrences(body, text)
    local count, at = 0, 1
    while true do
        local found = string.find(body, text, at, true)
        if not found then
            return count
        end
        count = count + 1
        at = found + #text
    end
end

local function expected(body)
    if expect == nil then
        return true
    elseif expect_count ~= nil then
        return occurrences(body, expect) == expect_count
    end
    return string.find(body, expect, 1, true) ~= nil
end

function response(status, headers, body)
    if status == 200 and expected(body) then
        ok = ok + 1
        if mode == "gateway" then
            acked[#acked + 1] = string.match(body, '"accessId":(%d+)') or "none"
        end
    else
        other = other + 1
    end
end

function done(summary, latency, requests)
    local s, o, x = 0, 0, 0
    local file = os.getenv("WRK_ACKED")
    local out = file and io.open(file, "a")
    for _, t in ipairs(threads) do
        s = s + t:get("sent")
        o = o + t:get("ok")
        x = x + t:get("other")
        if out then
            for _, id in ipairs(t:get("acked")) do
                out:write(id, "\n")
            end
        end
    end
    if out then
        out:close()
    end
    local e = summary.errors
    io.write(string.format("WRK %d %d %d %d %.3f %d %d %d\n", s, o, x,
        e.connect + e.read + e.write + e.timeout, summary.duration / 1e6,
        latency:percentile(50), latency:percentile(95), latency:percentile(99)))
end
