import { Aws, CustomResource, Duration, Fn, RemovalPolicy, Tags } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import {
  AUDIT_TAG_KEY,
  AUDIT_TAG_VALUE,
  LAMBDA_SERVICE_PRINCIPAL,
  SERVICE_TIMEOUT_MARGIN_SECONDS,
} from '../constants';
import type { LambdaRuntime, LambdaTrustScope } from '../env/types';
import { acknowledgeControlTower, acknowledgeNag } from '../lint/acknowledge';
import { functionLogGroup, SUB_STACK_UUID } from '../names';

/** The newest Lambda runtime the handlers support; cdk-nag's L1 flags anything older. */
const LATEST_RUNTIME: LambdaRuntime = 'nodejs24.x';

export interface CustomResourceFunctionProps {
  /** Function name (function names are regional, so one name serves every region). */
  readonly functionName: string;
  /** Role name as an `Fn::Sub` string; must name the region, since IAM names are global per account. */
  readonly roleNameSub: string;
  /** Bundled handler source, run as `index.js` with entry `index.handler`. */
  readonly code: string;
  readonly runtime: LambdaRuntime;
  readonly timeout: Duration;
  readonly description: string;
  /** How the role restricts `lambda.amazonaws.com` (see `LambdaTrustScope`). */
  readonly trustScope: LambdaTrustScope;
  /** What the handler may do, beyond writing its own logs. */
  readonly statements: iam.PolicyStatement[];
}

/**
 * A Lambda function with inline code and a role of its own that only Lambda, on behalf of this
 * function (or this account, per `trustScope`), can assume. Both carry the audit tag.
 *
 * Its logs go to a log group of this stack, with a retention, named
 * `/aws/lambda/<function>-<stack UUID>`. A log group that is the function's default and is
 * defined in the stack breaks the next deployment: the last log lines of the Delete arrive after
 * CloudFormation deleted the group, the function re-creates it outside CloudFormation, and the
 * next stack's Create fails on "already exists". Here the role cannot create log groups (its last
 * lines are dropped instead), and a group left behind anyway would not collide: the next stack
 * has another UUID. Reasoning and sources: cdk/handlers/README.md.
 */
export class CustomResourceFunction extends Construct {
  public readonly function: lambda.Function;
  public readonly role: iam.Role;
  /** Where the function's logs go. */
  public readonly logGroup: logs.LogGroup;
  private readonly timeout: Duration;

  constructor(scope: Construct, id: string, props: CustomResourceFunctionProps) {
    super(scope, id);
    this.timeout = props.timeout;
    const functionArn = Fn.sub(
      `arn:\${AWS::Partition}:lambda:\${AWS::Region}:\${AWS::AccountId}:function:${props.functionName}`,
    );
    this.logGroup = new logs.LogGroup(this, 'LogGroup', {
      logGroupName: Fn.sub(functionLogGroup(props.functionName, SUB_STACK_UUID), {
        StackUuid: Fn.select(2, Fn.split('/', Aws.STACK_ID)),
      }),
      // A year of deployments and deletions: enough to look back over an audit period.
      retention: logs.RetentionDays.ONE_YEAR,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    const trustConditions: Record<string, Record<string, string>> = {
      StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID },
    };
    if (props.trustScope === 'function-arn') {
      trustConditions.ArnLike = { 'aws:SourceArn': functionArn };
    }

    this.role = new iam.Role(this, 'Role', {
      roleName: Fn.sub(props.roleNameSub),
      description: `Execution role of ${props.functionName}`,
      assumedBy: new iam.ServicePrincipal(LAMBDA_SERVICE_PRINCIPAL).withConditions(trustConditions),
      inlinePolicies: {
        Handler: new iam.PolicyDocument({
          statements: [
            // No logs:CreateLogGroup: the function must not re-create its group after stack deletion.
            new iam.PolicyStatement({
              sid: 'OwnLogStreams',
              actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
              // The log group's Arn attribute ends in ":*", which covers its log streams.
              resources: [this.logGroup.logGroupArn],
            }),
            ...props.statements,
          ],
        }),
      },
    });

    this.function = new lambda.Function(this, 'Resource', {
      functionName: props.functionName,
      description: props.description,
      runtime: new lambda.Runtime(props.runtime, lambda.RuntimeFamily.NODEJS, { supportsInlineCode: true }),
      handler: 'index.handler',
      code: lambda.Code.fromInline(props.code),
      role: this.role,
      timeout: props.timeout,
      memorySize: 256,
      logGroup: this.logGroup,
    });

    Tags.of(this).add(AUDIT_TAG_KEY, AUDIT_TAG_VALUE);

    if (props.runtime !== LATEST_RUNTIME) {
      acknowledgeNag(this.function, {
        id: 'AwsSolutions-L1',
        reason: `The runtime is chosen in the environment map (lambdaRuntime); ${props.runtime} is supported by Lambda and by these handlers, and ${LATEST_RUNTIME} is accepted too.`,
      });
    }
    acknowledgeControlTower(this.logGroup, {
      id: 'cloudwatch_log_group_encrypted_check',
      reason:
        'CloudWatch Logs encrypts every log group at rest with service-managed keys. A customer-managed KMS key would cost one key ' +
        'per member account and region and a key policy for the logs service principal; these logs hold the custom-resource ' +
        'events (without the presigned ResponseURL) and configuration JSON, no secrets.',
    });
    acknowledgeControlTower(this.function, {
      id: 'lambda_inside_vpc_check',
      reason: 'The function only calls AWS APIs (Bedrock, S3) and CloudFormation\'s response URL; a VPC would need a VPC with endpoints or NAT in every member account and region for no gain.',
    });
  }

  /**
   * A custom resource served by this function. CloudFormation's `ServiceTimeout` is the function's
   * own timeout plus a margin, so the function's last answer always lands before CloudFormation
   * gives up.
   */
  public addCustomResource(scope: Construct, id: string, resourceType: string, properties: Record<string, string>): CustomResource {
    return new CustomResource(scope, id, {
      serviceToken: this.function.functionArn,
      resourceType,
      serviceTimeout: Duration.seconds(this.timeout.toSeconds() + SERVICE_TIMEOUT_MARGIN_SECONDS),
      properties,
    });
  }
}
