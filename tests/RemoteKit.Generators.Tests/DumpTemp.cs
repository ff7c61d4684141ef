namespace RemoteKit.Generators.Tests;
public class DumpTemp
{
    [Fact]
    public void Dump()
    {
        var run = CSharpGeneratorRunner.Run(Sources.Work, Sources.Shapes);
        foreach (var s in run.Result.Results.Single().GeneratedSources)
            File.WriteAllText("/tmp/gen/" + s.HintName, s.SourceText.ToString());
    }
}
