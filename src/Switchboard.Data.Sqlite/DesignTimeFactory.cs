using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Switchboard.Data.Sqlite;

/// <summary>Lets <c>dotnet ef migrations add … --project src/Switchboard.Data.Sqlite</c> build the context without a host.</summary>
internal sealed class DesignTimeFactory : IDesignTimeDbContextFactory<SwitchboardDb>
{
    public SwitchboardDb CreateDbContext(string[] args)
    {
        var builder = new DbContextOptionsBuilder<SwitchboardDb>();
        DataServiceCollectionExtensions.Configure(builder, new DatabaseOptions { Provider = DatabaseProvider.Sqlite }, "Data Source=design-time.db");
        return new SwitchboardDb(builder.Options);
    }
}
