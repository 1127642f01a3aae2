import { PGlite } from '@electric-sql/pglite';
const db = new PGlite(process.argv[2] + '/pglite');
await db.waitReady;
const which = process.argv[3];
if (which === 'new') { await db.query('analyze repair_order_stays'); await db.query('analyze repair_orders'); }
const range = `s.left_at >= now() - interval '365 days' and s.left_at < now()`;
const OLD = `with ev as (
      select e.order_id, e.created_at as left_at,
        coalesce(lag(e.to_status) over w, e.from_status, 'booked') as status,
        lag(e.created_at) over w as prev_at
      from repair_order_events e
      where e.type = 'status_changed'
        and e.order_id in (select order_id from repair_order_events
          where type = 'status_changed' and created_at >= now() - interval '365 days' and created_at < now())
      window w as (partition by e.order_id order by e.created_at, e.id)
    ), s as (
    select ev.status, (extract(epoch from (ev.left_at - coalesce(ev.prev_at, ro.created_at))) / 3600.0)::float8 as hours
    from ev join repair_orders ro on ro.id = ev.order_id
    where ev.left_at >= now() - interval '365 days' and ev.left_at < now())
    select s.status, count(*)::int, percentile_cont(0.5) within group (order by s.hours), percentile_cont(0.8) within group (order by s.hours) from s group by s.status`;
const Q = which === 'old' ? { old: OLD } : {
  group: `select s.status, count(*)::int, percentile_cont(0.5) within group (order by s.hours), percentile_cont(0.8) within group (order by s.hours) from repair_order_stays s where ${range} group by s.status`,
  union: ['booked','received','diagnosing','awaiting_approval','repairing','quality_check','ready_for_collection','collected','cancelled'].map(st => `select '${st}' as status, count(*)::int, percentile_cont(0.5) within group (order by s.hours), percentile_cont(0.8) within group (order by s.hours) from repair_order_stays s where s.status = '${st}' and ${range}`).join(' union all '),
};
for (let i = 0; i < 3; i++) for (const [k, q] of Object.entries(Q)) {
  for (const wm of ['4MB', '64MB']) {
    await db.query(`set work_mem = '${wm}'`);
    const c = process.cpuUsage(); const t = performance.now(); await db.query(q); const d = process.cpuUsage(c);
    console.log(k, wm, 'wall', Math.round(performance.now() - t), 'cpu', Math.round((d.user + d.system) / 1000));
  }
}
await db.close();
