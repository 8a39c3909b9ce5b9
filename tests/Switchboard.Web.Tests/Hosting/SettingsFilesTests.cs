using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Switchboard.Web.Tests.Fixtures;
using Xunit;

namespace Switchboard.Web.Tests.Hosting;

/// <summary>
/// Settings files are read once at start and not watched: a watcher covers the whole content root, where the SQLite
/// database lives by default, and every write to the database would wake it.
/// </summary>
[Collection(nameof(OnSqlite))]
public sealed class SettingsFilesTests(SqliteApp app) : AppTests<SqliteApp>(app)
{
    [Fact]
    public void The_service_reads_its_settings_files_without_watching_them()
    {
        var configuration = Assert.IsAssignableFrom<IConfigurationRoot>(App.Services.GetRequiredService<IConfiguration>());

        var files = configuration.Providers.OfType<FileConfigurationProvider>().ToList();

        Assert.Contains(files, file => file.Source.Path == "appsettings.json");
        Assert.All(files, file => Assert.False(file.Source.ReloadOnChange, $"{file.Source.Path} is watched"));
    }
}
