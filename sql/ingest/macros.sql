-- Ingest macros (temp: created on the ingesting connection by trends.ingest.checks; nothing in the store).
-- Every value arrives as trimmed text (null when empty); `fmt` is the --date-format (strptime codes) or null.

-- The date a text names: YYYY-MM-DD, an ISO timestamp (the date as written, whatever its UTC offset), YYYY-MM
-- (first of the month), YYYY (1 January), d/m/yyyy or m/d/yyyy when the order is clear from the numbers, or
-- '15 January 2020' / 'January 15, 2020'. Null when it names none (see _ingest_date_error for why).
create or replace temp macro _ingest_date(v, fmt) as
    case
        when v is null then null::date
        when fmt is not null then try_strptime(v, fmt)::date
        when length(v) = 10 and v[5] = '-' then try_cast(v as date)
        when regexp_full_match(v, '\d{4}-\d{2}-\d{2}[T ]\d{1,2}:\d{2}(:\d{2}([.,]\d*)?)?\s*(Z|z|UTC|GMT|[+-]\d{2}(:?\d{2})?)?')
            then try_cast(v[1:10] as date)
        when regexp_full_match(v, '\d{4}-\d{1,2}') then try_strptime(v || '-01', '%Y-%m-%d')::date
        when regexp_full_match(v, '\d{4}') then try_cast(v || '-01-01' as date)
        when regexp_full_match(v, '\d{1,2}/\d{1,2}/\d{4}') then
            case when try_cast(split_part(v, '/', 1) as integer) > 12
                      or try_cast(split_part(v, '/', 1) as integer) = try_cast(split_part(v, '/', 2) as integer)
                     then try_strptime(v, '%d/%m/%Y')::date
                 when try_cast(split_part(v, '/', 2) as integer) > 12 then try_strptime(v, '%m/%d/%Y')::date
            end
        else coalesce(try_strptime(v, '%d %B %Y'), try_strptime(v, '%B %d, %Y'), try_strptime(v, '%d %b %Y'),
                      try_strptime(v, '%b %d, %Y'))::date
    end;

-- How precise the text itself is: 'month' for YYYY-MM, 'year' for YYYY, else 'day'.
create or replace temp macro _ingest_date_precision(v, fmt) as
    case
        when v is null or fmt is not null or length(v) > 7 then 'day'
        when regexp_full_match(v, '\d{4}-\d{1,2}') then 'month'
        when regexp_full_match(v, '\d{4}') then 'year'
        else 'day'
    end;

-- Why a non-empty text is not a date: 'ambiguous' (01/02/2019 without --date-format) or 'not a date'; `d` is
-- _ingest_date(v, fmt), computed once by the caller.
create or replace temp macro _ingest_date_error(v, fmt, d) as
    case
        when v is null or d is not null then null
        when fmt is null and regexp_full_match(v, '\d{1,2}/\d{1,2}/\d{4}')
             and try_cast(split_part(v, '/', 1) as integer) <= 12
             and try_cast(split_part(v, '/', 2) as integer) <= 12 then 'ambiguous'
        else 'not a date'
    end;

-- Why a text is not a count (a whole number 0..2147483647), or null when it is one (or empty); `d` is
-- try_cast(v as double), computed once by the caller.
create or replace temp macro _ingest_count_error(v, d) as
    case
        when v is null then null
        when d is null then 'not a number'
        when not isfinite(d) then 'not finite'
        when d < 0 then 'negative'
        when d <> round(d) then 'not whole'
        when d > 2147483647 then 'too large'
    end;

-- A text value trimmed of spaces at either end, null when empty; text that needs no trim is passed as it is (no
-- copy: most values of a file).
create or replace temp macro _ingest_text(v) as
    case when length(v) > 0 and not starts_with(v, ' ') and not ends_with(v, ' ') then v else nullif(trim(v), '') end;

-- A value as the reasons show it: in single quotes, as written (no escaping).
create or replace temp macro _ingest_shown(v) as '''' || v || '''';
