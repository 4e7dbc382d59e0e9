using Rapport.Cli;

return await RapportCli.RunAsync(args);
