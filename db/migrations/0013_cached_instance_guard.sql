-- Baton schema, version 13: the guard of a command sent without reading its instance first. The engine keeps the
-- instances it wrote last (state, revision, history sequence); a command on one of them sends its writes at once,
-- behind a statement that locks the row and checks it is still the one cached. When it is not (another node or an
-- operator changed it), the statement fails with SQLSTATE BT409, the transaction rolls back whole, and the engine
-- runs the command again the ordinary way. The error never reaches a client.
CREATE FUNCTION baton_require_current(current boolean, what text) RETURNS boolean LANGUAGE plpgsql AS $$
BEGIN
    IF NOT current THEN
        RAISE EXCEPTION '% changed since the engine cached it', what USING ERRCODE = 'BT409';
    END IF;
    RETURN true;
END;
$$;
