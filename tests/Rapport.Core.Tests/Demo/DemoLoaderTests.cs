using System.Collections.Concurrent;
using Rapport.Core.Demo;
using Rapport.Core.Storage;

namespace Rapport.Core.Tests.Demo;

public class DemoLoaderTests
{
    private sealed class RecordingWriter(int failAtTable = -1) : IBulkWriter
    {
        public int FailAtTable { get; } = failAtTable;
        public List<(Type Type, int Rows)> Writes { get; } = [];
        public int Sessions { get; private set; }
        public int Commits { get; private set; }
        public int Disposals { get; private set; }

        public Task<IBulkSession> BeginAsync(CancellationToken ct = default)
        {
            Sessions++;
            return Task.FromResult<IBulkSession>(new Session(this));
        }

        private sealed class Session(RecordingWriter owner) : IBulkSession
        {
            public Task<long> WriteAsync<T>(IEnumerable<T> rows, CancellationToken ct = default) where T : class
            {
                if (owner.Writes.Count == owner.FailAtTable) throw new InvalidOperationException("disk full");
                var count = rows.Count();
                owner.Writes.Add((typeof(T), count));
                return Task.FromResult((long)count);
            }

            public Task<long> NextIdAsync<T>(CancellationToken ct = default) where T : class =>
                throw new NotSupportedException("the demo brings its own ids");
            public Task<long> DeleteAsync<T>(string? property = null, object? value = null, CancellationToken ct = default) where T : class
                => throw new NotSupportedException("the demo loader only writes");

            public Task<long> UpdateAsync<T>(long id, string property, object? value, CancellationToken ct = default) where T : class => Task.FromResult(0L);
            public Task<long> MaxIdAsync<T>(CancellationToken ct = default) where T : class
                => throw new NotSupportedException("the demo loader numbers its own rows");

            public Task CommitAsync(CancellationToken ct = default)
            {
                owner.Commits++;
                return Task.CompletedTask;
            }

            public ValueTask DisposeAsync()
            {
                owner.Disposals++;
                return ValueTask.CompletedTask;
            }
        }
    }

    [Fact]
    public async Task Loads_every_table_in_one_session_with_its_entity_type_then_commits()
    {
        var data = DemoGenerator.Generate(new DemoOptions { Customers = 300, Seed = 9 });
        var writer = new RecordingWriter();
        var messages = new ConcurrentQueue<string>();
        var result = await new DemoLoader(writer).LoadAsync(data, new SynchronousProgress(messages.Enqueue));

        Assert.Equal(1, writer.Sessions);
        Assert.Equal(1, writer.Commits);
        Assert.Equal(1, writer.Disposals);
        Assert.Equal(data.Tables.Select(t => (t.Type, ((System.Collections.ICollection)t.Rows).Count)), writer.Writes);
        Assert.Equal(typeof(Rapport.Core.Domain.OrderLine), writer.Writes.Single(w => w.Type.Name == "OrderLine").Type);
        Assert.Equal(data.TotalRows, result.Rows);
        Assert.True(result.RowsPerSecond > 0);
        Assert.Contains(messages, m => m.StartsWith("order_lines: ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_failure_leaves_the_session_uncommitted()
    {
        var data = DemoGenerator.Generate(new DemoOptions { Customers = 100, Seed = 9 });
        var writer = new RecordingWriter(failAtTable: 5);
        await Assert.ThrowsAsync<InvalidOperationException>(() => new DemoLoader(writer).LoadAsync(data));
        Assert.Equal(0, writer.Commits);
        Assert.Equal(1, writer.Disposals);
        Assert.Equal(5, writer.Writes.Count);
    }

    [Fact]
    public void Load_result_reports_throughput()
    {
        Assert.Equal(200_000, new DemoLoadResult(400_000, TimeSpan.FromSeconds(2)).RowsPerSecond);
        Assert.Equal(0, new DemoLoadResult(10, TimeSpan.Zero).RowsPerSecond);
    }

    private sealed class SynchronousProgress(Action<string> report) : IProgress<string>
    {
        public void Report(string value) => report(value);
    }
}
