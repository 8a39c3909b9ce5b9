namespace Switchboard.Data;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}
