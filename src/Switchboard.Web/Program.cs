using Switchboard.Web;

var app = SwitchboardBuilder.Build(args);
await app.RunAsync();
