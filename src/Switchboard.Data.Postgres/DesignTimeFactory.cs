using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Switchboard.Data.Postgres;

/// <summary>Lets <c>dotnet ef migrations add … --project src/Switchboard.Data.Postgres</c> build the context without a host.</summary>
internal sealed class DesignTimeFactory : IDesignTimeDbContextFactory<SwitchboardDb>
{
    public SwitchboardDb CreateDbContext(string[] args)
    {
        var builder = new DbContextOptionsBuilder<SwitchboardDb>();
        DataServiceCollectionExtensions.Configure(builder, new DatabaseOptions { Provider = DatabaseProvider.Postgres }, "Host=localhost;Database=switchboard_design");
        return new SwitchboardDb(builder.Options);
    }
}
