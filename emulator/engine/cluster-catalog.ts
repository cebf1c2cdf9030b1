/**
 * What clusters/spark-versions and clusters/list-node-types answer on an Azure workspace: a
 * small, fixed catalogue with the shapes of the SDKs' SparkVersion and NodeType (sdk-go
 * service/compute/model.go), enough for a client that picks the newest LTS runtime and the
 * smallest node type as the SDKs' SelectSparkVersion / SelectNodeType do.
 */
import type { Obj } from '../http/router.js'

export const SPARK_VERSIONS: Obj[] = [
  { key: '17.1.x-scala2.13', name: '17.1 (includes Apache Spark 4.0.0, Scala 2.13)' },
  { key: '16.4.x-scala2.12', name: '16.4 LTS (includes Apache Spark 3.5.2, Scala 2.12)' },
  { key: '16.4.x-scala2.13', name: '16.4 LTS (includes Apache Spark 3.5.2, Scala 2.13)' },
  { key: '16.4.x-cpu-ml-scala2.12', name: '16.4 LTS ML (includes Apache Spark 3.5.2, Scala 2.12)' },
  {
    key: '16.4.x-photon-scala2.12',
    name: '16.4 LTS Photon (includes Apache Spark 3.5.2, Scala 2.12)',
  },
  { key: '15.4.x-scala2.12', name: '15.4 LTS (includes Apache Spark 3.5.0, Scala 2.12)' },
  { key: '18.0.x-scala2.13', name: '18.0 Beta (includes Apache Spark 4.1.0, Scala 2.13)' },
]

function node(id: string, cores: number, memoryGb: number, extra: Obj = {}): Obj {
  return {
    node_type_id: id,
    instance_type_id: id,
    memory_mb: memoryGb * 1024,
    num_cores: cores,
    description: id,
    category: extra.num_gpus ? 'GPU Accelerated' : 'General Purpose',
    is_deprecated: false,
    support_cluster_tags: true,
    node_instance_type: { instance_type_id: id, local_disks: 1, local_disk_size_gb: cores * 8 },
    ...extra,
  }
}

export const NODE_TYPES: Obj[] = [
  node('Standard_DS3_v2', 4, 14),
  node('Standard_D4ds_v5', 4, 16),
  node('Standard_F4s', 4, 8),
  node('Standard_DS4_v2', 8, 28),
  node('Standard_F2s_v2', 2, 4, { node_info: { status: ['NotAvailableInRegion'] } }),
  node('Standard_DS2_v2', 2, 7, { is_deprecated: true }),
  node('Standard_NC4as_T4_v3', 4, 28, { num_gpus: 1 }),
]
